// compose-check: validates a Compose file the way Docker Compose loads it, with compose-go (the reference
// implementation of the Compose specification): the file against the specification's JSON schema, then
// interpolation of ${VAR} (required ones included), then the model's consistency (networks, volumes,
// secrets and depends_on that exist). Needs no Docker engine.
//
//	go run . -env-file ../../.env.example ../../docker-compose.yml
//
// The variables come from -env-file only (not from this shell). A variable the env file lists with an
// empty value (a secret the operator must choose) gets a stand-in, so what is checked is that every
// required ${VAR:?} is at least documented in the env file.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/dotenv"
)

func main() {
	envFile := flag.String("env-file", "", "variables for interpolation (e.g. .env.example); empty values get a stand-in")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: compose-check [-env-file FILE] docker-compose.yml")
		os.Exit(2)
	}
	if err := check(flag.Arg(0), *envFile); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", flag.Arg(0), err)
		os.Exit(1)
	}
}

func check(file, envFile string) error {
	var env []string
	if envFile != "" {
		vars, err := dotenv.Read(envFile)
		if err != nil {
			return err
		}
		for k, v := range vars {
			if v == "" {
				v = "compose-check-stand-in-value-" + k
			}
			env = append(env, k+"="+v)
		}
	}
	po, err := cli.NewProjectOptions([]string{file}, cli.WithName("vidnova"), cli.WithEnv(env), cli.WithConsistency(true), cli.WithInterpolation(true))
	if err != nil {
		return err
	}
	project, err := po.LoadProject(context.Background())
	if err != nil {
		return err
	}
	fmt.Printf("%s: valid Compose file (%d services)\n", file, len(project.ServiceNames()))
	return nil
}
