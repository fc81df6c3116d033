-- Create extensions if needed
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

-- Set timezone
SET timezone = 'UTC';

-- Grant privileges
GRANT ALL PRIVILEGES ON DATABASE autopack TO autopack;
GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO autopack;

-- For the tests: one row each time this script runs.
CREATE TABLE IF NOT EXISTS init_runs (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), at timestamptz DEFAULT now());
INSERT INTO init_runs DEFAULT VALUES;
