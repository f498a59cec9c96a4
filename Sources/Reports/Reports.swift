// Placeholder: the Reports target (see DESIGN.md).
