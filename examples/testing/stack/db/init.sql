CREATE TABLE notes (id serial PRIMARY KEY, text text NOT NULL);
INSERT INTO notes (text) VALUES ('written by db/init.sql');
