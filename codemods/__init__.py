"""One module per rule; each defines exactly one ``fixer.codemod.Codemod`` subclass."""
