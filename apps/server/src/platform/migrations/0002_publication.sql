-- The publication service's catalogue (政府信息公开目录): any module publishes through platform/publication.
-- Was part of migration 0004_disclosure.sql; the tables keep their names.

CREATE TABLE disclosure_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   char(6) NOT NULL,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  index_no      text NOT NULL,
  title         text NOT NULL,
  summary       text NOT NULL DEFAULT '',
  category      text NOT NULL,
  doc_no        text,
  formed_on     date NOT NULL,
  publish_due   date,
  published_on  date,
  late          boolean,
  valid_until   date,
  abolished_on  date,
  amount_wan    numeric(14,4),
  status        text NOT NULL CONSTRAINT disclosure_items_status_check CHECK (status IN ('draft','review','published','withdrawn')),
  secrecy_review jsonb,
  attachments   jsonb NOT NULL DEFAULT '[]',
  body          text NOT NULL DEFAULT '',
  source_module text,
  source_ref    text,
  tokens        text[] NOT NULL DEFAULT '{}',
  version       integer NOT NULL DEFAULT 1,
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT disclosure_items_index_unique UNIQUE (region_code, index_no)
);
COMMENT ON TABLE disclosure_items IS '政府信息公开目录 (条例第十二条): 索引号、名称、内容概述、生成日期, category (第二十条/第二十一条 items or custom), publication within 20 WD of formation (第二十六条). Written by the catalogue workflow and by other modules through platform/publication.';
COMMENT ON COLUMN disclosure_items.tokens IS 'jieba cut-for-search tokens of title, summary and doc number: Chinese search that finds two-character words (GIN).';
COMMENT ON COLUMN disclosure_items.publish_due IS 'Last day for publication: 20 working days after formed_on (rule disclosure.publish, via the ledger).';
COMMENT ON COLUMN disclosure_items.amount_wan IS 'For 行政事业性收费 entries: amount in 万元 (table 二, 第二十条第（八）项).';
CREATE INDEX disclosure_items_tokens_idx ON disclosure_items USING gin (tokens);
CREATE INDEX disclosure_items_org_idx ON disclosure_items (region_code, org_id, category, published_on);
CREATE UNIQUE INDEX disclosure_items_source_idx ON disclosure_items (region_code, source_module, source_ref) WHERE source_module IS NOT NULL;

CREATE TABLE disclosure_item_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id     uuid NOT NULL REFERENCES disclosure_items(id),
  region_code char(6) NOT NULL,
  org_id      uuid NOT NULL REFERENCES orgs(id),
  action      text NOT NULL,
  actor_id    uuid REFERENCES users(id),
  actor_name  text NOT NULL,
  detail      jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL
);
COMMENT ON TABLE disclosure_item_events IS 'History of a catalogue item: drafted, submitted for 保密审查, reviewed, published, revised, withdrawn.';
CREATE INDEX disclosure_item_events_item_idx ON disclosure_item_events (item_id, id);

