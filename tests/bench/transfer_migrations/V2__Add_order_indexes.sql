CREATE INDEX orders_customer ON orders(customer_id);
CREATE INDEX orders_placed ON orders(placed);
