"""Judging the evidence: findings, assessment, gap kinds, the graph, revision comparison."""
