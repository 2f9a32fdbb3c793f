-- Undo V2: drop products, then the categories they reference.
DROP TABLE products;
DROP TABLE categories;
