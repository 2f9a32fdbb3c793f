-- Create order lines; lines are deleted with their order, products in use cannot be deleted.
CREATE TABLE order_lines (
    id          INTEGER       PRIMARY KEY,
    order_id    INTEGER       NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id  INTEGER       NOT NULL REFERENCES products (id),
    quantity    INTEGER       NOT NULL CHECK (quantity > 0),
    unit_price  NUMERIC(10,2) NOT NULL CHECK (unit_price >= 0),
    UNIQUE (order_id, product_id)
);
