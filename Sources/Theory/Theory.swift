// Placeholder: the Theory target (see DESIGN.md).
