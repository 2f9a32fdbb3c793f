-- Add indexes for common lookups: foreign keys, order history by date, customer name search.
CREATE INDEX idx_products_category_id ON products (category_id);
CREATE INDEX idx_orders_customer_id ON orders (customer_id);
CREATE INDEX idx_orders_status_placed_at ON orders (status, placed_at);
CREATE INDEX idx_order_lines_product_id ON order_lines (product_id);
CREATE INDEX idx_customers_last_first_name ON customers (last_name, first_name);
