-- Create the inventory table (stock per product) and record stock for the seeded products.
CREATE TABLE inventory (
    product_id       INTEGER   PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    quantity_on_hand INTEGER   NOT NULL DEFAULT 0 CHECK (quantity_on_hand >= 0),
    reorder_level    INTEGER   NOT NULL DEFAULT 0 CHECK (reorder_level >= 0),
    updated_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO inventory (product_id, quantity_on_hand, reorder_level) VALUES
    (1, 40, 10),
    (2, 12, 5),
    (3, 0, 0),
    (4, 25, 8),
    (5, 6, 8),
    (6, 4, 2),
    (7, 9, 3);
