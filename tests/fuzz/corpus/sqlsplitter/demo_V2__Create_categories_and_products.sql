-- Create the product catalogue: categories and the products that belong to them.
CREATE TABLE categories (
    id          INTEGER      PRIMARY KEY,
    name        VARCHAR(100) NOT NULL UNIQUE,
    description TEXT
);

CREATE TABLE products (
    id          INTEGER       PRIMARY KEY,
    category_id INTEGER       NOT NULL REFERENCES categories (id),
    sku         VARCHAR(32)   NOT NULL UNIQUE,
    name        VARCHAR(200)  NOT NULL,
    description TEXT,
    price       NUMERIC(10,2) NOT NULL CHECK (price >= 0),
    is_active   BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP
);
