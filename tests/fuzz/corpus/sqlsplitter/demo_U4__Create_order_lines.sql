-- Undo V4: drop the order_lines table.
DROP TABLE order_lines;
