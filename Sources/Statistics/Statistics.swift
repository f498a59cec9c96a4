// Placeholder: the Statistics target (see DESIGN.md).
