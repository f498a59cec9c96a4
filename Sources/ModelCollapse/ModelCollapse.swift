// Placeholder: the ModelCollapse target (see DESIGN.md).
