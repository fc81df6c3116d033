-- AgentTracer schema
CREATE TABLE IF NOT EXISTS runs (id UUID PRIMARY KEY, created_at TIMESTAMPTZ DEFAULT now());
