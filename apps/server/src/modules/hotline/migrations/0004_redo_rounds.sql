-- 重办 rounds: one clock `redo` that runs again in each later round (the workflow table's `rounds`) instead of one
-- clock per round (`redo1`, `redo2`, …) moved by module code. A ticket's round clocks are folded into its first one:
-- a later round's start becomes a restart entry at the same instant (its note as the reason), its other entries
-- follow; status, due date and level are the last round's, and a stopped clock counts as met only if every round
-- was (what the ledger computes for a clock in rounds, so the spine's 按期办结率 keeps its figures).
WITH r AS (
  SELECT id, case_id, entries, status, due_at, level, met_deadline, updated_at,
         row_number() OVER (PARTITION BY case_id ORDER BY substring(key FROM 5)::int) AS round,
         count(*) OVER (PARTITION BY case_id) AS rounds
  FROM clocks WHERE key ~ '^redo[0-9]+$'
), parts AS (
  SELECT case_id, round,
         CASE WHEN round = 1 THEN entries
              ELSE jsonb_build_array(jsonb_build_object('kind', 'restart', 'at', entries -> 0 -> 'at',
                     'reason', coalesce(entries -> 0 ->> 'note', '回访不满意或未解决，重办'))) || (entries - 0)
         END AS part
  FROM r
), merged AS (
  SELECT p.case_id, jsonb_agg(x.e ORDER BY p.round, x.ord) AS entries
  FROM parts p CROSS JOIN LATERAL jsonb_array_elements(p.part) WITH ORDINALITY AS x(e, ord)
  GROUP BY p.case_id
), met AS (
  SELECT case_id, bool_and(met_deadline) AS all_met FROM r GROUP BY case_id
)
UPDATE clocks k SET key = 'redo', entries = m.entries, status = l.status, due_at = l.due_at, level = l.level,
       met_deadline = CASE WHEN l.status = 'stopped' THEN a.all_met END, updated_at = l.updated_at
FROM r f, merged m, r l, met a
WHERE k.id = f.id AND f.round = 1 AND m.case_id = f.case_id AND l.case_id = f.case_id AND l.round = l.rounds AND a.case_id = f.case_id;

DELETE FROM clocks WHERE key ~ '^redo[0-9]+$';
