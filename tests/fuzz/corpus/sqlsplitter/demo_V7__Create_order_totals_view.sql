-- Create the order_totals view: one row per order with its line count and total amount.
CREATE VIEW order_totals AS
SELECT o.id                                         AS order_id,
       o.customer_id                                AS customer_id,
       o.status                                     AS status,
       o.placed_at                                  AS placed_at,
       COUNT(ol.id)                                 AS line_count,
       COALESCE(SUM(ol.quantity), 0)                AS item_count,
       COALESCE(SUM(ol.quantity * ol.unit_price), 0) AS total_amount
FROM orders o
LEFT JOIN order_lines ol ON ol.order_id = o.id
GROUP BY o.id, o.customer_id, o.status, o.placed_at;
