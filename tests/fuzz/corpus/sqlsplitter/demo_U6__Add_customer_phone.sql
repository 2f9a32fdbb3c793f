-- Undo V6: drop the contact columns from customers.
ALTER TABLE customers DROP COLUMN marketing_opt_in;
ALTER TABLE customers DROP COLUMN phone;
