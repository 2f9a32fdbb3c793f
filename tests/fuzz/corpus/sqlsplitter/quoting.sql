-- a comment; with a semicolon
CREATE FUNCTION f() RETURNS trigger AS $body$
BEGIN
  NEW.x := 'it''s; fine';
  RETURN NEW;
END;
$body$ LANGUAGE plpgsql;
/* outer /* nested ; */ still comment */
SELECT E'back\'slash;', 'plain', "quoted;ident", $$dollar;$$;
CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; SELECT CASE WHEN 1 THEN 2 END; END;
INSERT INTO t VALUES ('a'), ('b')
