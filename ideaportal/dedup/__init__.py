"""Duplicate detection: embeddings, vector index, similar ideas, clusters, merge and unmerge."""
