package httpapi

import (
	"net/http"

	"mfgplan/internal/registry"
)

// chainRoutes serve the plan's industrial chains with the enterprises linked
// to their nodes, and an enterprise's links (rules from its industry class,
// or set by hand).
func (s *Server) chainRoutes() {
	const tag = "registry"
	s.handle(Route{Method: "GET", Path: "/api/v1/chains", Summary: "Industrial chains as graphs with the caller's enterprise count per node and chain", Tag: tag}, s.listChains)
	s.handle(Route{Method: "GET", Path: "/api/v1/chains/{code}", Summary: "One industrial chain with the caller's enterprise count per node", Tag: tag}, s.getChain)
	s.handle(Route{Method: "GET", Path: "/api/v1/enterprises/{id}/chain-nodes", Summary: "The enterprise's chain-node links (source rule or manual; linked false = removed by hand)", Tag: tag}, s.enterpriseNodes)
	s.handle(Route{Method: "PUT", Path: "/api/v1/enterprises/{id}/chain-nodes/{node}", Summary: "Link the enterprise to a chain node by hand (kept when rules are re-derived)", Tag: tag}, s.setNode(registry.LinkNode))
	s.handle(Route{Method: "DELETE", Path: "/api/v1/enterprises/{id}/chain-nodes/{node}", Summary: "Unlink the enterprise from a chain node by hand (kept when rules are re-derived)", Tag: tag}, s.setNode(registry.UnlinkNode))
	s.handle(Route{Method: "POST", Path: "/api/v1/enterprises/{id}/chain-nodes/{node}/reset", Summary: "Drop the hand-set link: the industry map's rules decide again", Tag: tag}, s.setNode(registry.ResetNode))
}

func (s *Server) listChains(w http.ResponseWriter, r *http.Request) error {
	items, err := s.Registry.Enterprises.Chains(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": items})
}

func (s *Server) getChain(w http.ResponseWriter, r *http.Request) error {
	c, err := s.Registry.Enterprises.Chain(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return writeJSON(w, c)
}

func (s *Server) enterpriseNodes(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	items, err := s.Registry.Enterprises.ChainNodes(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"enterprise_id": id, "items": items})
}

func (s *Server) setNode(act registry.NodeAction) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		items, err := s.Registry.Enterprises.SetNode(r.Context(), id, r.PathValue("node"), act, "api")
		if err != nil {
			return err
		}
		return writeJSON(w, map[string]any{"enterprise_id": id, "items": items})
	}
}
