-- Undo V5: drop the lookup indexes.
DROP INDEX idx_customers_last_first_name;
DROP INDEX idx_order_lines_product_id;
DROP INDEX idx_orders_status_placed_at;
DROP INDEX idx_orders_customer_id;
DROP INDEX idx_products_category_id;
