"""The scenario format: the model, YAML loading, the condition language, validation, lint and schema."""
