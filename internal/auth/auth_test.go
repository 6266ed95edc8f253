package auth_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/auth"
	"mfgplan/internal/auth/authtest"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

var system = access.With(context.Background(), access.System)

func TestPasswordHashRoundTrip(t *testing.T) {
	p := authtest.FastPolicy().Argon2
	hash, err := auth.HashPassword("Corr3ct-Horse", p)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, pw string
		want     bool
	}{{"correct", "Corr3ct-Horse", true}, {"wrong", "corr3ct-horse", false}, {"empty", "", false}} {
		t.Run(tc.name, func(t *testing.T) {
			ok, stale, err := auth.CheckPassword(tc.pw, hash, p)
			if err != nil || ok != tc.want || stale {
				t.Errorf("CheckPassword = %v, stale %v, %v; want %v, fresh", ok, stale, err, tc.want)
			}
		})
	}
	if _, stale, _ := auth.CheckPassword("Corr3ct-Horse", hash, auth.DefaultPolicy().Argon2); !stale {
		t.Error("a hash made with other parameters is not reported stale")
	}
}

func TestPasswordRules(t *testing.T) {
	pol := auth.DefaultPolicy()
	for _, tc := range []struct {
		pw   string
		want bool
	}{
		{"Short1!", false},             // too short
		{"alllowercaseletters", false}, // one class
		{"lowerUPPERonly", false},      // two classes
		{"lowerUPPER123", true},        // three classes
		{"密码很长很长很长Abc1", true},         // non-ASCII counts as "other"
		{"xiaoming-Secret1", false},    // contains the username
	} {
		err := pol.CheckPasswordRules(tc.pw, "xiaoming")
		if (err == nil) != tc.want {
			t.Errorf("%q: err = %v, want ok=%v", tc.pw, err, tc.want)
		}
	}
}

func TestDefaultPolicyIsValid(t *testing.T) {
	p := auth.DefaultPolicy()
	if p.Lockout.MaxFailures != 5 || p.Session.IdleMinutes != 30 || p.Audit.RetentionDays < 180 {
		t.Errorf("policy.yaml defaults changed: lockout %d, idle %d, retention %d", p.Lockout.MaxFailures, p.Session.IdleMinutes, p.Audit.RetentionDays)
	}
}

func TestGrantMustFitRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		for _, tc := range []struct {
			name  string
			grant auth.Grant
			ok    bool
		}{
			{"county with one county", auth.Grant{Role: access.RoleCounty, Scope: access.Scope{Counties: []string{authtest.Quxian}}}, true},
			{"county with two counties", auth.Grant{Role: access.RoleCounty, Scope: access.Scope{Counties: []string{authtest.Quxian, authtest.Xuanhan}}}, false},
			{"county unknown code", auth.Grant{Role: access.RoleCounty, Scope: access.Scope{Counties: []string{"999999"}}}, false},
			{"park with a county", auth.Grant{Role: access.RolePark, Scope: access.Scope{Counties: []string{authtest.Quxian}}}, false},
			{"enterprise that exists", auth.Grant{Role: access.RoleEnterprise, Scope: access.Scope{Enterprises: []int64{w.In, w.Out}}}, true},
			{"enterprise that does not", auth.Grant{Role: access.RoleEnterprise, Scope: access.Scope{Enterprises: []int64{w.In, 99999}}}, false},
			{"city with a county", auth.Grant{Role: access.RoleCity, Scope: access.Scope{Counties: []string{authtest.Quxian}}}, false},
			{"leader without scope", auth.Grant{Role: access.RoleLeader}, false},
			{"unknown role", auth.Grant{Role: "boss"}, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := w.Auth.SetGrant(system, "county", tc.grant)
				if (err == nil) != tc.ok {
					t.Errorf("SetGrant: %v, want ok=%v", err, tc.ok)
				}
			})
		}
	})
}

func TestLeaderViewsButDoesNotEnter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		u, err := w.Auth.GetUser(system, "leader")
		if err != nil {
			t.Fatal(err)
		}
		ctx := access.With(context.Background(), u.Principal())
		in := access.Place{EnterpriseID: w.In, County: authtest.Xuanhan}
		if err := access.CanView(ctx, in); err != nil {
			t.Errorf("leader cannot view an enterprise in the view scope: %v", err)
		}
		if err := access.CanEnter(ctx, in); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("leader may enter data: %v", err)
		}
	})
}

func TestOnlyAdminsManageUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		for _, role := range authtest.Roles {
			_, err := w.Auth.ListUsers(w.As(t, role))
			if want := role == access.RoleAdmin; (err == nil) != want {
				t.Errorf("%s lists users: err %v", role, err)
			}
		}
	})
}

// TestLockout: the account locks after the policy's failures, and every
// refused login — unknown user, wrong password, locked account, even with
// the right password — answers alike, so answers tell nobody which
// accounts exist or are locked.
func TestLockout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		ctx := context.Background()
		max := w.Auth.Policy.Lockout.MaxFailures
		_, unknown := w.Auth.Login(ctx, "nobody", "wrong")
		if apperr.CodeOf(unknown) != apperr.Unauthenticated {
			t.Fatalf("unknown user: %v", unknown)
		}
		same := func(what string, err error) {
			t.Helper()
			if err == nil || apperr.CodeOf(err) != apperr.CodeOf(unknown) || err.Error() != unknown.Error() {
				t.Errorf("%s answers %v, an unknown user %v", what, err, unknown)
			}
		}
		_, err := w.Auth.Login(ctx, "leader", "wrong")
		same("a wrong password", err)
		for i := 1; i <= max; i++ {
			_, err := w.Auth.Login(ctx, "county", "wrong")
			same(fmt.Sprintf("failure %d", i), err)
		}
		_, err = w.Auth.Login(ctx, "county", authtest.Password)
		same("the right password on a locked account", err)
		w.Now = w.Now.Add(time.Duration(w.Auth.Policy.Lockout.LockMinutes)*time.Minute + time.Second)
		if _, err := w.Auth.Login(ctx, "county", authtest.Password); err != nil {
			t.Fatalf("after the lock expired: %v", err)
		}
		page, err := audit.Search(system, db, audit.Filter{Action: audit.ActionLoginFailed, Actor: "county"})
		if err != nil || page.Total != max+1 {
			t.Errorf("audit has %d failed logins (%v), want %d", page.Total, err, max+1)
		}
	})
}

// TestConcurrentWrongPasswordsLock: a burst of wrong passwords sent at once
// locks the account like the same attempts one by one (the failure counter
// is incremented in the database, not read and rewritten), and no more
// passwords are tried than the policy allows.
func TestConcurrentWrongPasswordsLock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		ctx := context.Background()
		var wg sync.WaitGroup
		for range 15 {
			wg.Go(func() { w.Auth.Login(ctx, "park", "wrong-password") })
		}
		wg.Wait()
		if _, err := w.Auth.Login(ctx, "park", authtest.Password); err == nil {
			t.Fatal("15 concurrent wrong passwords did not lock the account: the right one logs in")
		}
		page, err := audit.Search(system, db, audit.Filter{Action: audit.ActionLoginFailed, Actor: "park", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		tried := 0
		for _, e := range page.Items {
			if strings.Contains(e.Detail, "wrong password") {
				tried++
			}
		}
		if max := w.Auth.Policy.Lockout.MaxFailures; tried > max {
			t.Errorf("%d passwords were checked in the burst, the policy allows %d before locking", tried, max)
		}
	})
}

func TestIdleTimeout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		ctx := context.Background()
		sess, err := w.Auth.Login(ctx, "park", authtest.Password)
		if err != nil {
			t.Fatal(err)
		}
		idle := w.Auth.Policy.IdleTimeout()
		for _, step := range []struct {
			name    string
			advance time.Duration
			ok      bool
		}{
			{"used within the timeout", idle - time.Minute, true},
			{"used again: the timeout restarts", idle - time.Minute, true},
			{"idle past the timeout", idle + time.Second, false},
			{"ended for good", 0, false},
		} {
			w.Now = w.Now.Add(step.advance)
			cur, err := w.Auth.Authenticate(ctx, sess.Token)
			if (err == nil) != step.ok {
				t.Fatalf("%s: %v, want ok=%v", step.name, err, step.ok)
			}
			if step.ok && (cur.User.Username != "park" || cur.CSRF != sess.CSRF) {
				t.Fatalf("%s: session resolved to %q", step.name, cur.User.Username)
			}
		}
	})
}

func TestTokenRevocation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		ctx := w.As(t, access.RoleCounty)
		tok, secret, err := w.Auth.CreateToken(ctx, "county", "etl", false, 0)
		if err != nil {
			t.Fatal(err)
		}
		cur, err := w.Auth.AuthenticateToken(ctx, secret)
		if err != nil || cur.Principal().View.Counties[0] != authtest.Xuanhan {
			t.Fatalf("fresh token: %v %+v", err, cur.Principal())
		}
		if err := w.Auth.RevokeToken(w.As(t, access.RoleCity), tok.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another user revoked the token: %v", err)
		}
		if err := w.Auth.RevokeToken(ctx, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Auth.AuthenticateToken(ctx, secret); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Errorf("revoked token still works: %v", err)
		}
	})
}

func TestSetupWorksOnceWithTheToken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := &auth.Service{DB: db, Policy: authtest.FastPolicy(), Places: authtest.Places{}, Now: time.Now}
		secret, err := svc.StartSetup(ctx)
		if err != nil || secret == "" {
			t.Fatalf("StartSetup on an empty store: %q %v", secret, err)
		}
		nu := auth.NewUser{Username: "root", Password: authtest.Password}
		if _, err := svc.CompleteSetup(ctx, secret+"x", nu); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("wrong setup token accepted: %v", err)
		}
		u, err := svc.CompleteSetup(ctx, secret, nu)
		if err != nil || u.Role != access.RoleAdmin {
			t.Fatalf("setup: %v %+v", err, u)
		}
		if _, err := svc.CompleteSetup(ctx, secret, auth.NewUser{Username: "second", Password: authtest.Password}); err == nil {
			t.Error("the setup token worked twice")
		}
		if again, err := svc.StartSetup(ctx); again != "" || err != nil {
			t.Errorf("StartSetup with users present: %q %v", again, err)
		}
	})
}

func TestLoginPrunesExpiredSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		ctx := context.Background()
		if _, err := w.Auth.Login(ctx, "city", authtest.Password); err != nil {
			t.Fatal(err)
		}
		w.Now = w.Now.Add(w.Auth.Policy.IdleTimeout() + time.Minute)
		if _, err := w.Auth.Login(ctx, "leader", authtest.Password); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM sessions`).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d sessions left (%v), want only the live one", n, err)
		}
	})
}

func TestPasswordExpiryForcesChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		ctx := context.Background()
		days := w.Auth.Policy.Password.ExpiryDays
		for _, tc := range []struct {
			name  string
			after time.Duration
			must  bool
		}{
			{"fresh password", 0, false},
			{"a day before expiry", time.Duration(days-1) * 24 * time.Hour, false},
			{"expired", 2 * 24 * time.Hour, true},
		} {
			w.Now = w.Now.Add(tc.after)
			sess, err := w.Auth.Login(ctx, "enterprise", authtest.Password)
			if err != nil || sess.State.MustChangePassword != tc.must {
				t.Fatalf("%s: must change %v (%v), want %v", tc.name, sess.State.MustChangePassword, err, tc.must)
			}
		}
		if err := w.Auth.ChangePassword(w.As(t, access.RoleEnterprise), authtest.Password, "Brand-new-Passw0rd"); err != nil {
			t.Fatal(err)
		}
		if sess, err := w.Auth.Login(ctx, "enterprise", "Brand-new-Passw0rd"); err != nil || sess.State.MustChangePassword {
			t.Errorf("after the change: %+v %v", sess.State, err)
		}
	})
}

// TestTokenLifetimeIsBounded: a token lives at most the policy's days;
// asking for more (or a number that overflows the clock) is refused.
func TestTokenLifetimeIsBounded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		ctx := w.As(t, access.RoleCounty)
		max := w.Auth.Policy.Tokens.MaxDays
		for _, tc := range []struct {
			days, want int // want: lifetime in days, 0 = refused
		}{{0, w.Auth.Policy.Tokens.DefaultDays}, {30, 30}, {max, max}, {max + 1, 0}, {200000, 0}, {-1, 0}} {
			tok, secret, err := w.Auth.CreateToken(ctx, "county", fmt.Sprintf("etl-%d", tc.days), false, tc.days)
			if tc.want == 0 {
				if apperr.CodeOf(err) != apperr.Invalid {
					t.Errorf("days %d: %v, want refused", tc.days, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("days %d: %v", tc.days, err)
			}
			if got, _ := time.Parse(time.RFC3339Nano, tok.ExpiresAt); !got.Equal(w.Now.Add(time.Duration(tc.want) * 24 * time.Hour)) {
				t.Errorf("days %d: expires %s, want %d days after %s", tc.days, tok.ExpiresAt, tc.want, w.Now)
			}
			if _, err := w.Auth.AuthenticateToken(ctx, secret); err != nil {
				t.Errorf("days %d: fresh token refused: %v", tc.days, err)
			}
		}
	})
}

// TestPasswordResetEndsTokens: an administrator's reset (the path taken
// when an account is lost or taken over) revokes the user's API tokens, and
// while the password must change the user can mint none and a token of its
// acts under the same must-change gate as a session.
func TestPasswordResetEndsTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := authtest.New(t, db)
		ctx := w.As(t, access.RoleCounty)
		_, secret, err := w.Auth.CreateToken(ctx, "county", "etl", false, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Auth.ResetPassword(w.As(t, access.RoleAdmin), "county", "Reset-Passw0rd!", true); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Auth.AuthenticateToken(ctx, secret); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Errorf("a token minted before the reset still works: %v", err)
		}
		if _, _, err := w.Auth.CreateToken(ctx, "county", "long", false, 30); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a token minted while the password must change: %v", err)
		}
		if err := w.Auth.ChangePassword(ctx, "Reset-Passw0rd!", "Own-new-Passw0rd"); err != nil {
			t.Fatal(err)
		}
		_, secret, err = w.Auth.CreateToken(ctx, "county", "etl2", false, 0)
		if err != nil {
			t.Fatalf("after changing the password: %v", err)
		}
		w.Now = w.Now.AddDate(0, 0, w.Auth.Policy.Password.ExpiryDays+1)
		if cur, err := w.Auth.AuthenticateToken(ctx, secret); err != nil || !cur.Info.MustChangePassword {
			t.Errorf("token of a user whose password expired: %v, must change %v; want the must-change gate", err, cur.Info.MustChangePassword)
		}
	})
}
