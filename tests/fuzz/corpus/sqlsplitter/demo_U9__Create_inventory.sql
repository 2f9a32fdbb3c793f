-- Undo V9: drop the inventory table together with its stock rows.
DROP TABLE inventory;
