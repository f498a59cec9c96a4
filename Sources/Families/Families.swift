// Placeholder: the Families target (see DESIGN.md).
