package io.driftless.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.api.auth.Roles;
import io.driftless.api.model.ApplyRequest;
import io.driftless.api.model.ApplyResponse;
import io.driftless.api.model.ExportResponse;
import io.driftless.api.service.EnvironmentSets;
import io.driftless.api.service.RegistryDocuments;
import io.driftless.api.service.RegistryExport;
import io.driftless.api.service.RegistryReconciler;
import io.driftless.api.service.RegistrySchema;
import io.driftless.api.service.SourceTrees;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Environments as code: {@code POST /api/v1/apply} reconciles the registry with declarative
 * documents, {@code GET /api/v1/export} writes the registry as documents, {@code GET
 * /api/v1/schema} is their JSON Schema.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RegistryResource {
  private final RegistryDocuments documents;
  private final RegistryReconciler reconciler;
  private final RegistryExport export;
  private final RegistrySchema schema;
  private final EnvironmentSets sets;
  private final SourceTrees trees;

  public RegistryResource(
      RegistryDocuments documents,
      RegistryReconciler reconciler,
      RegistryExport export,
      RegistrySchema schema,
      EnvironmentSets sets,
      SourceTrees trees) {
    this.documents = documents;
    this.reconciler = reconciler;
    this.export = export;
    this.schema = schema;
    this.sets = sets;
    this.trees = trees;
  }

  @POST
  @Path("apply")
  @RolesAllowed(Roles.ADMIN)
  public ApplyResponse apply(
      @Context SecurityContext security,
      @QueryParam("dryRun") boolean dryRun,
      ApplyRequest request) {
    ApplyRequest body = Params.body(request);
    var read = documents.read(body);
    // EnvironmentSets generate from their source's tree as the server's Git mirror reads it now.
    var parsed = sets.expand(read, trees.of(read));
    String owner = Params.text(body.owner());
    if (dryRun) {
      return reconciler.plan(parsed, owner, body.pruning()).response(true);
    }
    return reconciler
        .apply(Params.caller(security).name(), parsed, owner, body.pruning())
        .response(false);
  }

  @GET
  @Path("export")
  @RolesAllowed(Roles.VIEWER)
  public ExportResponse export() {
    RegistryExport.Exported exported = export.export();
    return new ExportResponse(exported.text(), exported.skipped());
  }

  @GET
  @Path("schema")
  @RolesAllowed(Roles.VIEWER)
  public ObjectNode schema() {
    return schema.schema();
  }
}
