ALTER TABLE lrs_statement ADD COLUMN entries VARBINARY;
CREATE TABLE lrs_posting (
  h BIGINT NOT NULL,
  first_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  n INT NOT NULL,
  gaps VARBINARY NOT NULL,
  PRIMARY KEY (h, first_seq)
);
CREATE TABLE lrs_index_state (indexed_seq BIGINT NOT NULL);
INSERT INTO lrs_index_state (indexed_seq) VALUES (0)
