ALTER TABLE lrs_statement_index RENAME TO lrs_statement_index_v1;
CREATE TABLE lrs_statement_index (
  k BIGINT PRIMARY KEY,
  seq BIGINT NOT NULL,
  kind CHAR(1) NOT NULL,
  h BIGINT NOT NULL
);
INSERT INTO lrs_statement_index (k, seq, kind, h)
  SELECT seq * 8388608 + ROW_NUMBER() OVER (PARTITION BY seq ORDER BY kind, h) - 1, seq, kind, h FROM lrs_statement_index_v1;
DROP TABLE lrs_statement_index_v1;
CREATE INDEX lrs_statement_index_h ON lrs_statement_index (h, seq)
