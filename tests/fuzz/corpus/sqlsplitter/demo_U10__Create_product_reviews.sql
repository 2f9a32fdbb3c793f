-- Undo V10: drop the review index and the product_reviews table.
DROP INDEX idx_product_reviews_customer_id;
DROP TABLE product_reviews;
