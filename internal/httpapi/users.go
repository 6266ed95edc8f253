package httpapi

import (
	"net/http"

	"mfgplan/internal/auth"
)

// userRoutes manage accounts; the auth service allows only administrators.
func (s *Server) userRoutes() {
	s.handle(Route{Method: "GET", Path: "/api/v1/users", Summary: "List users (系统管理员)", Tag: "users"}, s.listUsers)
	s.handle(Route{Method: "POST", Path: "/api/v1/users", Summary: "Create a user with a role and scope (系统管理员)", Tag: "users"}, s.addUser)
	s.handle(Route{Method: "GET", Path: "/api/v1/users/{username}", Summary: "One user (系统管理员)", Tag: "users"}, s.getUser)
	s.handle(Route{Method: "PUT", Path: "/api/v1/users/{username}/grant", Summary: "Change a user's role and scopes (系统管理员)", Tag: "users"}, s.setGrant)
	s.handle(Route{Method: "POST", Path: "/api/v1/users/{username}/disable", Summary: "Disable or re-enable a user (系统管理员)", Tag: "users"}, s.disableUser)
	s.handle(Route{Method: "POST", Path: "/api/v1/users/{username}/password", Summary: "Reset a user's password (系统管理员)", Tag: "users"}, s.resetPassword)
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) error {
	us, err := s.Auth.ListUsers(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, map[string]any{"items": us, "total": len(us)})
}

func (s *Server) addUser(w http.ResponseWriter, r *http.Request) error {
	var in auth.NewUser
	if err := readJSON(r, &in); err != nil {
		return err
	}
	u, err := s.Auth.AddUser(r.Context(), in)
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusCreated)
	return writeJSON(w, u)
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) error {
	u, err := s.Auth.GetUser(r.Context(), r.PathValue("username"))
	if err != nil {
		return err
	}
	return writeJSON(w, u)
}

func (s *Server) setGrant(w http.ResponseWriter, r *http.Request) error {
	var in auth.Grant
	if err := readJSON(r, &in); err != nil {
		return err
	}
	u, err := s.Auth.SetGrant(r.Context(), r.PathValue("username"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, u)
}

func (s *Server) disableUser(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Disabled bool `json:"disabled"`
	}
	if err := readJSON(r, &in); err != nil {
		return err
	}
	u, err := s.Auth.SetDisabled(r.Context(), r.PathValue("username"), in.Disabled)
	if err != nil {
		return err
	}
	return writeJSON(w, u)
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Password   string `json:"password"`
		MustChange *bool  `json:"must_change_password"`
	}
	if err := readJSON(r, &in); err != nil {
		return err
	}
	must := in.MustChange == nil || *in.MustChange
	u, err := s.Auth.ResetPassword(r.Context(), r.PathValue("username"), in.Password, must)
	if err != nil {
		return err
	}
	return writeJSON(w, u)
}
