package io.driftless.api.resources;

import io.driftless.api.auth.Caller;
import io.driftless.api.auth.Roles;
import io.driftless.api.model.EnvironmentPatch;
import io.driftless.api.model.EnvironmentRequest;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.Fields;
import io.driftless.api.model.FollowGitResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.PlanResponse;
import io.driftless.api.model.PromoteRequest;
import io.driftless.api.model.PromotionResponse;
import io.driftless.api.model.QueuedRunResponse;
import io.driftless.api.model.ReasonRequest;
import io.driftless.api.model.RollbackRequest;
import io.driftless.api.model.RollbackResponse;
import io.driftless.api.model.RunResponse;
import io.driftless.api.model.SyncRequest;
import io.driftless.api.service.EnvironmentActions;
import io.driftless.api.service.EnvironmentRegistry;
import io.driftless.api.service.Promotions;
import io.driftless.api.service.RunHistory;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentStatus;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.scheduler.QueuedRun;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;

/** {@code /api/v1/environments}: registration, status, history and the operator's actions. */
@Path("/api/v1/environments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EnvironmentsResource {
  private final EnvironmentRegistry environments;
  private final EnvironmentActions actions;
  private final RunHistory history;
  private final Promotions promotions;

  public EnvironmentsResource(
      EnvironmentRegistry environments,
      EnvironmentActions actions,
      RunHistory history,
      Promotions promotions) {
    this.environments = environments;
    this.actions = actions;
    this.history = history;
    this.promotions = promotions;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  public Response register(@Context SecurityContext security, EnvironmentRequest request) {
    EnvironmentResponse created =
        environments.register(Params.caller(security), Params.body(request));
    return Created.at("/api/v1/environments", created.name(), created);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public ItemPage<EnvironmentResponse> list(
      @QueryParam("status") String status,
      @QueryParam("source") String source,
      @QueryParam("prefix") String prefix,
      @QueryParam("owner") String owner,
      @BeanParam PageParams page) {
    String sourceName = Params.text(source);
    return environments.list(
        new EnvironmentQuery(
            Params.text(prefix),
            sourceName == null ? null : Fields.check("source", () -> SourceName.of(sourceName)),
            Fields.enumValue("status", EnvironmentStatus.class, status),
            Params.text(owner),
            page.cursor(),
            page.limit()));
  }

  @GET
  @Path("{name}")
  @RolesAllowed(Roles.VIEWER)
  public EnvironmentResponse get(@PathParam("name") String name) {
    return environments.get(Params.environment(name));
  }

  @PATCH
  @Path("{name}")
  @RolesAllowed(Roles.ADMIN)
  public EnvironmentResponse update(
      @Context SecurityContext security,
      @PathParam("name") String name,
      @QueryParam("force") boolean force,
      EnvironmentPatch patch) {
    return withBody(
        security, name, patch, (who, env, body) -> environments.update(who, env, body, force));
  }

  @DELETE
  @Path("{name}")
  @RolesAllowed(Roles.ADMIN)
  public Response delete(
      @Context SecurityContext security,
      @PathParam("name") String name,
      @QueryParam("force") boolean force) {
    environments.delete(Params.caller(security), Params.environment(name), force);
    return Response.noContent().build();
  }

  @POST
  @Path("{name}/sync")
  @RolesAllowed(Roles.OPERATOR)
  public Response sync(
      @Context SecurityContext security, @PathParam("name") String name, SyncRequest request) {
    EnvironmentName environment = Params.environment(name);
    QueuedRun queued =
        actions.sync(
            Params.caller(security), environment, request == null ? SyncRequest.empty() : request);
    return accepted(environment, queued);
  }

  @POST
  @Path("{name}/rollback")
  @RolesAllowed(Roles.OPERATOR)
  public Response rollback(
      @Context SecurityContext security, @PathParam("name") String name, RollbackRequest request) {
    EnvironmentName environment = Params.environment(name);
    EnvironmentActions.Rollback rollback =
        actions.rollback(Params.caller(security), environment, Params.body(request));
    long run = rollback.queued().run().value();
    return Response.accepted(
            RollbackResponse.of(
                run, environment.value(), rollback.queued().coalesced(), rollback.pin()))
        .location(URI.create("/api/v1/runs/" + run))
        .build();
  }

  @POST
  @Path("{name}/promote")
  @RolesAllowed(Roles.OPERATOR)
  public PromotionResponse promote(
      @Context SecurityContext security, @PathParam("name") String name, PromoteRequest request) {
    return withBody(security, name, request, promotions::promote);
  }

  @POST
  @Path("{name}/unpin")
  @RolesAllowed(Roles.OPERATOR)
  public FollowGitResponse unpin(
      @Context SecurityContext security, @PathParam("name") String name, ReasonRequest request) {
    return reasoned(security, name, request, actions::unpin);
  }

  @POST
  @Path("{name}/suspend")
  @RolesAllowed(Roles.OPERATOR)
  public EnvironmentResponse suspend(
      @Context SecurityContext security, @PathParam("name") String name, ReasonRequest request) {
    return reasoned(security, name, request, actions::suspend);
  }

  @POST
  @Path("{name}/resume")
  @RolesAllowed(Roles.OPERATOR)
  public FollowGitResponse resume(
      @Context SecurityContext security, @PathParam("name") String name, ReasonRequest request) {
    return reasoned(security, name, request, actions::resume);
  }

  @GET
  @Path("{name}/diff")
  @RolesAllowed(Roles.VIEWER)
  public PlanResponse diff(
      @Context SecurityContext security,
      @PathParam("name") String name,
      @QueryParam("ref") String ref) {
    return actions.preview(Params.caller(security), Params.environment(name), Params.text(ref));
  }

  @GET
  @Path("{name}/runs")
  @RolesAllowed(Roles.VIEWER)
  public ItemPage<RunResponse> runs(
      @PathParam("name") String name,
      @QueryParam("status") String status,
      @BeanParam PageParams page) {
    return history.history(
        new RunQuery(
            Params.environment(name),
            Fields.enumValue("status", RunStatus.class, status),
            page.cursor(),
            page.limit()));
  }

  /** An action that takes who asks, on which environment, and a request body. */
  private interface BodyAction<B, T> {
    T apply(Caller who, EnvironmentName environment, B body);
  }

  /** Reads the caller, the environment's name and the required body the same way for each. */
  private static <B, T> T withBody(
      SecurityContext security, String name, B body, BodyAction<B, T> action) {
    return action.apply(Params.caller(security), Params.environment(name), Params.body(body));
  }

  /** An action that takes who asks, on which environment, and why. */
  private interface ReasonedAction<T> {
    T apply(Caller who, EnvironmentName environment, String reason);
  }

  /** Reads the caller, the environment's name and the required reason the same way for each. */
  private static <T> T reasoned(
      SecurityContext security, String name, ReasonRequest request, ReasonedAction<T> action) {
    return withBody(
        security,
        name,
        request,
        (who, environment, body) -> action.apply(who, environment, body.reason()));
  }

  private static Response accepted(EnvironmentName environment, QueuedRun queued) {
    return Response.accepted(
            new QueuedRunResponse(queued.run().value(), environment.value(), queued.coalesced()))
        .location(URI.create("/api/v1/runs/" + queued.run().value()))
        .build();
  }
}
