-- Backfill order totals into a summary table used by the reporting jobs.
CREATE TABLE order_summaries (
    order_id INTEGER PRIMARY KEY REFERENCES orders(id),
    total_amount NUMERIC(12, 2) NOT NULL
);

INSERT INTO order_summaries (order_id, total_amount)
SELECT order_id, SUM(quantity * unit_price) FROM order_lines GROUP BY order_id;

UPDATE order_summaries SET total_amount = total_amount * (1 + tax_rate);
