// Placeholder: the Experiments target (see DESIGN.md).
