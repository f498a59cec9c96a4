// Placeholder: the LinearAlgebra target (see DESIGN.md).
