SELECT 1;
SELECT 2;SELECT $a$ $b$ ; $a$; -- tail