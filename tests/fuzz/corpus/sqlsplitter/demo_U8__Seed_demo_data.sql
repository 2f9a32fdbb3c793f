-- Undo V8: delete the seeded demo rows, children before parents.
DELETE FROM order_lines WHERE id IN (1, 2, 3, 4, 5, 6);
DELETE FROM orders WHERE id IN (1, 2, 3, 4);
DELETE FROM customers WHERE id IN (1, 2, 3, 4);
DELETE FROM products WHERE id IN (1, 2, 3, 4, 5, 6, 7);
DELETE FROM categories WHERE id IN (1, 2, 3);
