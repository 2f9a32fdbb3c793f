-- The transfer benchmark's schema (gen_transfer.py fills it), written once for both engines:
-- `transfer --migrations` builds the PostgreSQL target from this folder.
CREATE TABLE customers (
    id      INTEGER          PRIMARY KEY,
    email   VARCHAR(255)     NOT NULL UNIQUE,
    name    VARCHAR(100)     NOT NULL,
    balance DOUBLE PRECISION,
    score   NUMERIC(10,2),
    created TIMESTAMP        NOT NULL,
    active  BOOLEAN          NOT NULL,
    avatar  BYTEA
);

CREATE TABLE orders (
    id          INTEGER          PRIMARY KEY,
    customer_id INTEGER          NOT NULL REFERENCES customers(id),
    amount      NUMERIC(12,2)    NOT NULL,
    weight      DOUBLE PRECISION,
    placed      TIMESTAMP        NOT NULL,
    paid        BOOLEAN          NOT NULL,
    note        TEXT
);
