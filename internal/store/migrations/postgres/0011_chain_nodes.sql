-- The industrial-chain nodes (the plan's chains[].nodes[].code; a code may
-- sit in several chains) an enterprise belongs to. Rows with source 'rule'
-- are derived from the enterprise's GB/T 4754 class by the chain_rules of
-- the plan's industry map and re-derived when the map or the class changes;
-- rows with source 'manual' were set by a user and are never re-derived.
-- A manual row with linked FALSE removes a node that a rule would give.
CREATE TABLE enterprise_chain_nodes (
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    node_code     TEXT    NOT NULL,
    source        TEXT    NOT NULL CHECK (source IN ('rule', 'manual')),
    linked        BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at    TEXT    NOT NULL,
    PRIMARY KEY (enterprise_id, node_code)
);
CREATE INDEX enterprise_chain_nodes_node ON enterprise_chain_nodes (node_code, enterprise_id);

-- The chain nodes each enterprise was counted in at the last analytics
-- refresh (beside analytics_enterprises), so that a changed link refreshes
-- the node and chain units it left as well as those it joined.
CREATE TABLE analytics_enterprise_nodes (
    enterprise_id BIGINT NOT NULL,
    node_code     TEXT   NOT NULL,
    PRIMARY KEY (enterprise_id, node_code)
);
