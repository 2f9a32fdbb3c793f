-- Undo V1: drop the customers table.
DROP TABLE customers;
