-- Undo V3: drop the orders table.
DROP TABLE orders;
