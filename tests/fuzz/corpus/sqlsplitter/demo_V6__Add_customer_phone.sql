-- Add contact columns to customers: an optional phone number and a marketing opt-in flag.
ALTER TABLE customers ADD COLUMN phone VARCHAR(32);
ALTER TABLE customers ADD COLUMN marketing_opt_in BOOLEAN NOT NULL DEFAULT FALSE;
