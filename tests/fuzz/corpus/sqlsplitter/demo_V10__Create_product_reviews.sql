-- Create product reviews (rating 1-5, one review per customer and product) with a lookup index.
CREATE TABLE product_reviews (
    id          INTEGER   PRIMARY KEY,
    product_id  INTEGER   NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    customer_id INTEGER   NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    rating      INTEGER   NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title       VARCHAR(120),
    body        TEXT,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (product_id, customer_id)
);

CREATE INDEX idx_product_reviews_customer_id ON product_reviews (customer_id);
