-- Create the orders table; each order belongs to one customer.
CREATE TABLE orders (
    id          INTEGER     PRIMARY KEY,
    customer_id INTEGER     NOT NULL REFERENCES customers (id),
    status      VARCHAR(20) NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
    placed_at   TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    shipped_at  TIMESTAMP,
    notes       TEXT
);
