DROP INDEX orders_placed;
DROP INDEX orders_customer;
