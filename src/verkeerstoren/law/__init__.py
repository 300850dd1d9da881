"""Law engine: decision terms, penalty payments and exposure under the law of the day (pure)."""
