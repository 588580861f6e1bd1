"""Answering: a question routed, judged in scope and on topic, answered from retrieved passages with citations."""
