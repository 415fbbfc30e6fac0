-- The journal's storage: on PostgreSQL its pages keep room for the outcome update that follows
-- each PENDING entry (fillfactor 50: heap-only updates, no second primary-key entry); on H2 a
-- comment only. The statement comes from the store's dialect (placeholder journal_storage).
${journal_storage};
