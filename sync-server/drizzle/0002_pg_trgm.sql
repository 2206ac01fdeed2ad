-- pg_trgm backs typo-tolerant catalog search (similarity, gin_trgm_ops indexes).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
