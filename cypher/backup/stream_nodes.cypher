// Every node of the vault: its element id (relationships name their ends by it), all its
// labels and all its properties, as the driver types them.
MATCH (n)
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props
