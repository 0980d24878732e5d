CREATE TABLE lrs_statement (
  seq BIGINT PRIMARY KEY,
  id UUID NOT NULL UNIQUE,
  stored BIGINT NOT NULL,
  voided BOOLEAN NOT NULL,
  voiding BOOLEAN NOT NULL,
  content_hash VARCHAR(64) NOT NULL,
  json CLOB NOT NULL
);
CREATE INDEX lrs_statement_stored ON lrs_statement (stored, seq);
CREATE TABLE lrs_statement_index (
  seq BIGINT NOT NULL,
  kind CHAR(1) NOT NULL,
  h BIGINT NOT NULL
);
CREATE INDEX lrs_statement_index_h ON lrs_statement_index (h, seq);
CREATE INDEX lrs_statement_index_seq ON lrs_statement_index (seq);
CREATE TABLE lrs_attachment (
  sha2 VARCHAR(128) PRIMARY KEY,
  content_type VARCHAR(255) NOT NULL,
  content BLOB NOT NULL
);
CREATE TABLE lrs_activity (
  activity_key VARCHAR(64) PRIMARY KEY,
  activity_id VARCHAR(4096) NOT NULL,
  definition CLOB NOT NULL
);
CREATE TABLE lrs_document (
  doc_key VARCHAR(64) PRIMARY KEY,
  scope_key VARCHAR(64) NOT NULL,
  doc_id VARCHAR(4096) NOT NULL,
  content_type VARCHAR(255) NOT NULL,
  etag VARCHAR(40) NOT NULL,
  updated BIGINT NOT NULL,
  content BLOB NOT NULL
);
CREATE INDEX lrs_document_scope ON lrs_document (scope_key, updated);
