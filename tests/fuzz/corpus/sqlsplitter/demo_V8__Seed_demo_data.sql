-- Seed demo data: categories, products, customers and a few orders with their lines.
INSERT INTO categories (id, name, description) VALUES
    (1, 'Coffee', 'Whole bean and ground coffee'),
    (2, 'Tea', 'Loose leaf teas and infusions'),
    (3, 'Brewing Equipment', 'Grinders, kettles and brewers');

INSERT INTO products (id, category_id, sku, name, price, is_active) VALUES
    (1, 1, 'COF-ETH-250', 'Ethiopia Yirgacheffe 250 g', 12.50, TRUE),
    (2, 1, 'COF-COL-1000', 'Colombia Huila 1 kg', 38.00, TRUE),
    (3, 1, 'COF-DEC-250', 'Swiss Water Decaf 250 g', 11.90, FALSE),
    (4, 2, 'TEA-SEN-100', 'Japanese Sencha 100 g', 9.75, TRUE),
    (5, 2, 'TEA-ASM-250', 'Assam Breakfast 250 g', 8.40, TRUE),
    (6, 3, 'EQP-GRD-HND', 'Hand Burr Grinder', 64.00, TRUE),
    (7, 3, 'EQP-KTL-GSN', 'Gooseneck Kettle 1 l', 45.99, TRUE);

INSERT INTO customers (id, email, first_name, last_name, phone, marketing_opt_in) VALUES
    (1, 'anna.keller@example.com', 'Anna', 'Keller', '+49 30 1234567', TRUE),
    (2, 'james.obrien@example.com', 'James', 'O''Brien', NULL, FALSE),
    (3, 'sofia.marquez@example.com', 'Sofia', 'Marquez', '+34 91 555 0142', FALSE),
    (4, 'li.wei@example.com', 'Wei', 'Li', '+86 10 5555 0199', TRUE);

INSERT INTO orders (id, customer_id, status, placed_at, shipped_at) VALUES
    (1, 1, 'delivered', '2024-03-02 09:14:00', '2024-03-03 16:40:00'),
    (2, 2, 'shipped', '2024-03-05 18:22:00', '2024-03-06 11:05:00'),
    (3, 1, 'paid', '2024-03-07 07:51:00', NULL),
    (4, 4, 'pending', '2024-03-07 20:03:00', NULL);

INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price) VALUES
    (1, 1, 1, 2, 12.50),
    (2, 1, 6, 1, 64.00),
    (3, 2, 4, 3, 9.75),
    (4, 3, 2, 1, 38.00),
    (5, 3, 7, 1, 45.99),
    (6, 4, 5, 2, 8.40);
