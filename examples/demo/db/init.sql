-- Runs once, when the database volume is empty.
CREATE TABLE notes (id serial PRIMARY KEY, text text NOT NULL, created_at timestamptz DEFAULT now());
INSERT INTO notes (text) VALUES ('Hello from PostgreSQL: this note was written by db/init.sql.');
